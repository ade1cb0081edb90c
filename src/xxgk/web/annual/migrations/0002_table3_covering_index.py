"""A covering index on the application register for the table-三 count
(``annual.table3``): agency, received and closed dates, applicant kind and
outcome — the count then reads the index alone (1,000,000 applications on
SQLite: about 2 s instead of 7 s).  Raw SQL because the table belongs to the
casework app; ``IF NOT EXISTS`` works on SQLite and PostgreSQL."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("annual", "0001_initial"),
        ("casework", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX IF NOT EXISTS annual_table3_cover ON casework_application "
                "(agency_id, received_on, closed_on, applicant_kind, outcome)"
            ),
            reverse_sql="DROP INDEX IF EXISTS annual_table3_cover",
        ),
    ]
