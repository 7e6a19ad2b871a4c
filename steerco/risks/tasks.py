"""The register's Excel workbook is the task worker's when the register is large: openpyxl
writes a register of 20,000 risks (half a million cells) in 20 seconds or more, longer than a
request should hold a web worker."""

from django_tasks import task


@task()
def build_register_file(register_file_id, token):
    """Write the workbook `actions.request_register_file` asked for (`token`), as the person who
    asked; one superseded by a later request writes nothing."""
    from steerco.risks import actions

    return actions.build_register_file(register_file_id, token)
