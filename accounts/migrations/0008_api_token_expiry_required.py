# Apart from 0007, which fills the column: PostgreSQL may refuse to alter a table in the
# transaction that has just updated its rows.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_api_token_expiry_and_user_history'),
    ]

    operations = [
        migrations.AlterField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(),
        ),
    ]
