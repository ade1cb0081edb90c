from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "xxgk.web.agencies"
    label = "agencies"
    verbose_name = "机关与工作人员"
