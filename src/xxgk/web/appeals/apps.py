from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "xxgk.web.appeals"
    label = "appeals"
    verbose_name = "行政复议与行政诉讼"
