from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "xxgk.web.casework"
    label = "casework"
    verbose_name = "依申请公开"
