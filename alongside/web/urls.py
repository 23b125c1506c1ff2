from django.urls import path

from . import views as web

app_name = "web"

urlpatterns = [
    path("", web.StartView.as_view(), name="start"),
    path("about/", web.AboutView.as_view(), name="about"),
    path("home/", web.HomeView.as_view(), name="home"),
    path("home/me/", web.PersonHomeView.as_view(), name="person-home"),
    path("home/supporter/", web.SupporterHomeView.as_view(), name="supporter-home"),
    path("home/worker/", web.WorkerHomeView.as_view(), name="worker-home"),
    path("home/manager/", web.ManagerHomeView.as_view(), name="manager-home"),
    path("home/quality/", web.QualityLeadHomeView.as_view(), name="quality-lead-home"),
    path("home/council/", web.CouncilHomeView.as_view(), name="council-home"),
    path("home/admin/", web.AdminHomeView.as_view(), name="admin-home"),
]
