from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "xxgk.web.casework"
    label = "casework"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from xxgk.web.casework import checks  # noqa: F401 - registers the system checks
