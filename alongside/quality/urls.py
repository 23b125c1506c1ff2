from django.urls import path

from . import views

app_name = "quality"

urlpatterns = [
    path("volunteer/", views.VolunteerView.as_view(), name="volunteer"),
    path("sign-up/", views.PeopleToSignUpView.as_view(), name="sign-up-list"),
    path("sign-up/<int:person_id>/", views.SignUpView.as_view(), name="sign-up"),
    path("my-checks/", views.MyChecksView.as_view(), name="my-checks"),
    path("checks/", views.ChecksView.as_view(), name="checks"),
    path("checks/<int:check_id>/", views.CheckReportView.as_view(), name="check"),
    path("checks/<int:check_id>/do/", views.DoCheckView.as_view(), name="do-check"),
    path("photos/<int:photo_id>/", views.PhotoView.as_view(), name="photo"),
    path("actions/", views.ActionsView.as_view(), name="actions"),
    path("actions/<int:action_id>/", views.ActionView.as_view(), name="action"),
    path("checkers/", views.CheckersView.as_view(), name="checkers"),
    path("checkers/<int:checker_id>/", views.CheckerView.as_view(), name="checker"),
    path("checklists/", views.ChecklistsView.as_view(), name="checklists"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path(
        "services/<int:service_id>/invite/",
        views.InviteVolunteersView.as_view(),
        name="invite-volunteers",
    ),
    path("planner/", views.PlannerView.as_view(), name="planner"),
    path("planner/<int:proposal_id>/", views.ProposalView.as_view(), name="proposal"),
    path("results/", views.ResultsView.as_view(), name="results"),
    path("results/checks/", views.ResultChecksView.as_view(), name="result-checks"),
]
