"""The JSON API (django-ninja).  Apps add routers here; Swagger UI at ``/api/docs``
is served from local static files."""

from django.http import HttpRequest
from ninja import NinjaAPI

api = NinjaAPI(title="xxgk 信息公开 API", version="1")


@api.get("/health", summary="服务状态")
def health(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok"}


api.add_router("/casework/", "xxgk.web.casework.api.router")
api.add_router("/annual/", "xxgk.web.annual.api.router")
