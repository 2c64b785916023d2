from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_alter_role_kind"),
    ]

    operations = [
        migrations.AlterField(
            model_name="role",
            name="kind",
            field=models.CharField(
                choices=[
                    ("focal_point", "focal point"),
                    ("committee_member", "committee member"),
                    ("council_secretariat", "council secretariat"),
                    ("advisory_member", "advisory body member"),
                    ("moderator", "moderator"),
                    ("polling_officer", "polling-desk officer"),
                    ("network_admin", "network admin"),
                    ("information_officer", "information officer"),
                ],
                max_length=24,
                verbose_name="role",
            ),
        ),
    ]
