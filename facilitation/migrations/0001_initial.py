"""Facilitation moved out of `groups` into its own app: the tables stay where they are
(each model names its old table), only Django's idea of which app owns them moves; the
content types follow, so admin history and permissions are kept."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MOVED = ["followup", "contact", "facilitationreminder"]


def content_types_to_facilitation(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="groups", model__in=MOVED).update(
        app_label="facilitation"
    )


def content_types_to_groups(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="facilitation", model__in=MOVED).update(
        app_label="groups"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("groups", "0003_facilitation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='FollowUp',
                    fields=[
                        ('group', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='follow_up', serialize=False, to='groups.group')),
                        ('rhythm_days', models.PositiveSmallIntegerField(default=42, verbose_name='contact every (days)')),
                        ('launch_steps', models.JSONField(blank=True, default=list, verbose_name='launch steps done')),
                    ],
                    options={
                        'db_table': 'groups_followup',
                        'verbose_name': 'follow-up',
                        'verbose_name_plural': 'follow-ups',
                        'constraints': [models.CheckConstraint(condition=models.Q(('rhythm_days__gte', 1), ('rhythm_days__lte', 365)), name='follow_up_rhythm_between_1_and_365_days')],
                    },
                ),
                migrations.CreateModel(
                    name='Contact',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('contacted_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='day of the contact')),
                        ('channel', models.CharField(choices=[('visit', 'visit'), ('call', 'call'), ('message', 'message'), ('meeting', 'meeting')], default='visit', max_length=10, verbose_name='how')),
                        ('news', models.TextField(blank=True, max_length=1000, verbose_name='news')),
                        ('needs', models.JSONField(blank=True, default=list, verbose_name='needs')),
                        ('resources', models.TextField(blank=True, max_length=1000, verbose_name='resources given')),
                        ('next_steps', models.TextField(blank=True, max_length=1000, verbose_name='next steps')),
                        ('next_contact_on', models.DateField(blank=True, help_text="Empty: after the group's usual rhythm.", null=True, verbose_name='next contact')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='facilitation_contacts', to='groups.group')),
                    ],
                    options={
                        'db_table': 'groups_contact',
                        'verbose_name': 'facilitation contact',
                        'verbose_name_plural': 'facilitation contacts',
                        'ordering': ['-contacted_on', '-pk'],
                        'indexes': [models.Index(fields=['group', '-contacted_on'], name='contact_group_latest')],
                    },
                ),
                migrations.CreateModel(
                    name='FacilitationReminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('week', models.DateField(verbose_name='week of (Monday)')),
                        ('sent_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('facilitator', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'groups_facilitationreminder',
                        'verbose_name': 'facilitation reminder',
                        'verbose_name_plural': 'facilitation reminders',
                        'constraints': [models.UniqueConstraint(fields=('facilitator', 'week'), name='one_facilitation_reminder_a_week')],
                    },
                ),            ],
        ),
        migrations.RunPython(content_types_to_facilitation, content_types_to_groups),
    ]
