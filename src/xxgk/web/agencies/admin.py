from django.contrib import admin

from xxgk.web.agencies.models import Agency, Membership


class MembershipInline(admin.TabularInline[Membership, Agency]):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ("name", "code", "parent", "region")
    search_fields = ("name", "code")
    list_filter = ("parent",)
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ("user", "agency", "role")
    list_filter = ("role", "agency")
    autocomplete_fields = ("user", "agency")
