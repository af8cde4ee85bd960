from django.urls import path

from .feeds import ResourceFeed, SkillFeed

app_name = "opendata"

urlpatterns = [
    path("feeds/resources/", ResourceFeed(), name="resource_feed"),
    path("feeds/skills/<str:slug>/", SkillFeed(), name="skill_feed"),
]
