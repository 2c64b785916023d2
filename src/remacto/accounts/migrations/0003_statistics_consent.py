"""Record consent to inclusion statistics.

Age band, gender and province typed in before this field existed were given on the profile page, which already
explained that they only feed anonymous statistics: that choice counts as consent, dated when the account was
made. Reversing drops the field (the profile data itself is untouched either way).
"""

from django.db import migrations, models
from django.db.models import F, Q


def consent_for_existing_answers(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    answered = ~Q(age_band="") | ~Q(gender="") | Q(residence__isnull=False)
    User.objects.filter(answered).update(statistics_consent_at=F("date_joined"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_organisation_description_limit"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="statistics_consent_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the person agreed that their age band, gender and province feed anonymous statistics.",
                null=True,
                verbose_name="consent to inclusion statistics",
            ),
        ),
        migrations.RunPython(consent_for_existing_answers, migrations.RunPython.noop),
    ]
