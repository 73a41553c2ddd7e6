//! The only route table of pages. Every page lives under a language prefix: `/{lang}/…`.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Routes};
use leptos_router::{SsrMode, path};

use crate::accounts::my_account::{ConfirmEmailPage, MyAccountPage};
use crate::accounts::pages::{
    CheckEmailPage, ForgotPasswordPage, RegisterPage, ResetPasswordPage, SignInPage, VerifyPage,
};
use crate::accounts::unsubscribe::UnsubscribePage;
use crate::admin::outbox::OutboxPage;
use crate::admin::pages::AdminPage;
use crate::admin::settings::RegionSettingsPage;
use crate::admin::users::UsersPage;
use crate::audit::AuditLogPage;
use crate::components::layout::LangLayout;
use crate::components::status::{NotFound, NotFoundPage};
use crate::consultations::corrections::CorrectConsultationPage;
use crate::consultations::pages::{ConsultationListPage, ConsultationPage};
use crate::consultations::proposals::ProposalPage;
use crate::consultations::results::ResultsPage;
use crate::consultations::review::ReviewPage;
use crate::consultations::staff::{ManageConsultationPage, NewConsultationPage};
use crate::guides::editor::{EditGuidePage, NewGuidePage};
use crate::guides::history::GuideHistoryPage;
use crate::guides::pages::{GuideListPage, GuidePage};
use crate::moderation::ModerationPage;
use crate::moderation_log::ModerationLogPage;
use crate::petitions::fraud::FraudReviewPage;
use crate::petitions::mine::MyPetitionsPage;
use crate::petitions::new::{EditPetitionPage, NewPetitionPage};
use crate::petitions::pages::{PetitionListPage, PetitionPage};
use crate::petitions::paper::PaperPage;
use crate::petitions::sign::{ConfirmSignaturePage, WithdrawSignaturePage};
use crate::petitions::staff::SignatoriesPage;
use crate::regions::identity::RegionIdentityPage;
use crate::regions::pages::{HomePage, RegionPage};
use crate::staff::dashboard::StaffDashboardPage;

/// The pages. Routes render in `SsrMode::Async`: the whole page (data included) is sent at once,
/// so it is complete without JavaScript and its HTTP status (e.g. 404) is right.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <NotFoundPage/> }>
            <ParentRoute path=path!("/:lang") view=LangLayout ssr=SsrMode::Async>
                <Route path=path!("") view=HomePage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug") view=RegionPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/petitions") view=PetitionListPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/petitions/new") view=NewPetitionPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/petitions/:id") view=PetitionPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/petitions/:id/edit") view=EditPetitionPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/petitions/:id/signatories") view=SignatoriesPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/petitions/:id/paper") view=PaperPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/petitions/:id/review") view=FraudReviewPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/consultations") view=ConsultationListPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/consultations/new") view=NewConsultationPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/consultations/:id") view=ConsultationPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/consultations/:id/results") view=ResultsPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/consultations/:id/manage") view=ManageConsultationPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/consultations/:id/correct") view=CorrectConsultationPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/consultations/:id/review") view=ReviewPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/consultations/:id/proposals/:proposal") view=ProposalPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/guides") view=GuideListPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/guides/new") view=NewGuidePage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/guides/:id") view=GuidePage ssr=SsrMode::Async/>
                <Route path=path!("guides") view=GuideListPage ssr=SsrMode::Async/>
                <Route path=path!("guides/new") view=NewGuidePage ssr=SsrMode::Async/>
                <Route path=path!("guides/:id") view=GuidePage ssr=SsrMode::Async/>
                <Route path=path!("guides/:id/edit") view=EditGuidePage ssr=SsrMode::Async/>
                <Route path=path!("guides/:id/history") view=GuideHistoryPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/moderation") view=ModerationPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/staff") view=StaffDashboardPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/identity") view=RegionIdentityPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/moderation-log") view=ModerationLogPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/audit") view=AuditLogPage ssr=SsrMode::Async/>
                <Route path=path!("audit") view=AuditLogPage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/petitions/:id/confirm") view=ConfirmSignaturePage ssr=SsrMode::Async/>
                <Route path=path!("r/:slug/petitions/:id/withdraw") view=WithdrawSignaturePage ssr=SsrMode::Async/>
                <Route path=path!("account") view=MyAccountPage ssr=SsrMode::Async/>
                <Route path=path!("account/petitions") view=MyPetitionsPage ssr=SsrMode::Async/>
                <Route path=path!("admin") view=AdminPage ssr=SsrMode::Async/>
                <Route path=path!("admin/regions/:slug") view=RegionSettingsPage ssr=SsrMode::Async/>
                <Route path=path!("admin/users") view=UsersPage ssr=SsrMode::Async/>
                <Route path=path!("admin/outbox") view=OutboxPage ssr=SsrMode::Async/>
                <Route path=path!("account/register") view=RegisterPage ssr=SsrMode::Async/>
                <Route path=path!("account/check-email") view=CheckEmailPage ssr=SsrMode::Async/>
                <Route path=path!("account/verify") view=VerifyPage ssr=SsrMode::Async/>
                <Route path=path!("account/confirm-email") view=ConfirmEmailPage ssr=SsrMode::Async/>
                <Route path=path!("account/sign-in") view=SignInPage ssr=SsrMode::Async/>
                <Route path=path!("account/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("account/reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("unsubscribe") view=UnsubscribePage ssr=SsrMode::Async/>
                <Route path=path!("*any") view=NotFound ssr=SsrMode::Async/>
            </ParentRoute>
        </Routes>
    }
}
