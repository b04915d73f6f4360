import { initAll } from "../dist/nhsuk/nhsuk-frontend.min.js";

initAll();
