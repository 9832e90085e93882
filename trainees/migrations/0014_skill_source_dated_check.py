# The check comes in its own migration (its own transaction): PostgreSQL refuses to
# ALTER a table in the transaction that just updated its rows (pending trigger events).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('trainees', '0013_skill_source_dates'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='jobseekerskill',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('certified_from__isnull', False), ('source', 3)), models.Q(('certified_from__isnull', True), ('source', 2), ('trained_from__isnull', False)), models.Q(('certified_from__isnull', True), ('declared_from__isnull', False), ('source', 1), ('trained_from__isnull', True)), _connector='OR'), name='jobseekerskill_source_dated'),
        ),
    ]
