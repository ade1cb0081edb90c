from django.contrib import admin

from xxgk.web.annual.models import AnnualEvent, AnnualFacts, AnnualText, Table2Figure


@admin.register(Table2Figure)
class Table2FigureAdmin(admin.ModelAdmin[Table2Figure]):
    list_display = ("agency", "year", "row_key", "measure", "value", "updated_at")
    list_filter = ("year", "agency")
    readonly_fields = ("agency", "year", "row_key", "measure", "value", "updated_by")


@admin.register(AnnualFacts)
class AnnualFactsAdmin(admin.ModelAdmin[AnnualFacts]):
    list_display = ("agency", "year", "npc_received", "cppcc_received", "fees_collected")
    list_filter = ("year",)


@admin.register(AnnualText)
class AnnualTextAdmin(admin.ModelAdmin[AnnualText]):
    list_display = ("agency", "year", "section_key", "updated_at")
    list_filter = ("year", "section_key")


@admin.register(AnnualEvent)
class AnnualEventAdmin(admin.ModelAdmin[AnnualEvent]):
    list_display = ("agency", "year", "action", "actor", "at")
    list_filter = ("action", "year")
    readonly_fields = ("agency", "year", "action", "actor", "at", "extra")
