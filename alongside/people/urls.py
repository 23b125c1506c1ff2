from django.urls import path

from . import views as people

app_name = "people"

urlpatterns = [
    path("<int:person_id>/", people.PersonRecordView.as_view(), name="record"),
    path("<int:person_id>/details/", people.PersonDetailsEditView.as_view(), name="details"),
    path("<int:person_id>/sharing/", people.SharingView.as_view(), name="sharing"),
    path("<int:person_id>/supporters/", people.SupportersView.as_view(), name="supporters"),
    path(
        "<int:person_id>/supporters/<int:supporter_id>/",
        people.SupporterEditView.as_view(),
        name="supporter-edit",
    ),
    path("<int:person_id>/who-looked/", people.WhoLookedView.as_view(), name="who-looked"),
    path("<int:person_id>/about-me/", people.AboutMeView.as_view(), name="about-me"),
    path(
        "<int:person_id>/about-me/history/",
        people.AboutMeHistoryView.as_view(),
        name="about-me-history",
    ),
    path(
        "<int:person_id>/about-me/<str:part>/",
        people.AboutMeSectionEditView.as_view(),
        name="about-me-edit",
    ),
    path(
        "<int:person_id>/about-me/<str:part>/suggest/",
        people.AboutMeProposeView.as_view(),
        name="about-me-suggest",
    ),
    path("<int:person_id>/suggestions/", people.ProposalsView.as_view(), name="proposals"),
    path(
        "<int:person_id>/suggestions/<int:proposal_id>/answer/",
        people.ProposalAnswerView.as_view(),
        name="proposal-answer",
    ),
    path("<int:person_id>/plan/", people.PlanView.as_view(), name="plan"),
    path("<int:person_id>/plan/write/", people.PlanEditView.as_view(), name="plan-edit"),
    path("<int:person_id>/plan/history/", people.PlanHistoryView.as_view(), name="plan-history"),
    path("<int:person_id>/download/", people.DownloadView.as_view(), name="download"),
    path(
        "<int:person_id>/sign-in-link/", people.SignInLinkIssueView.as_view(), name="sign-in-link"
    ),
]
