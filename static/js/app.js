import { initAll } from "../dist/nhsuk/nhsuk-frontend.min.js";

// A component that cannot start is an error, not a console.log line (the default).
initAll({ onError: (error) => console.error(error) });
