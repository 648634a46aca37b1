// Every route of the dashboard, with upstream's shapes (links in mails and bookmarks keep working).
// One line per route; a page lives in its own module under pages/ and is loaded on first visit.

import { Access, route, setFallback } from "./core/router.js";

setFallback("#/collections");

// first run, sign-in (signed-out visitors only)
route("#/pbinstall/{token}", { access: Access.GUEST, page: "lk-installer-page", title: "Set up",
    load: () => import("./pages/auth/installer.js") });
route("#/login", { access: Access.GUEST, page: "lk-login-page", title: "Superuser login",
    load: () => import("./pages/auth/login.js") });
route("#/request-password-reset", { access: Access.GUEST, page: "lk-request-password-reset-page",
    title: "Forgotten password", load: () => import("./pages/auth/request-password-reset.js") });

// landing pages of the default mails and of OAuth2 (anyone)
route("#/auth/confirm-password-reset/{token}", { access: Access.PUBLIC, page: "lk-confirm-password-reset-page",
    title: "Reset password", load: () => import("./pages/auth/confirm-password-reset.js") });
route("#/auth/confirm-verification/{token}", { access: Access.PUBLIC, page: "lk-confirm-verification-page",
    title: "Verify email", load: () => import("./pages/auth/confirm-verification.js") });
route("#/auth/confirm-email-change/{token}", { access: Access.PUBLIC, page: "lk-confirm-email-change-page",
    title: "Confirm new email", load: () => import("./pages/auth/confirm-email-change.js") });
route("#/auth/oauth2-redirect-success", { access: Access.PUBLIC, page: "lk-oauth2-redirect-page",
    title: "Signed in", load: () => import("./pages/auth/oauth2-redirect.js") });
route("#/auth/oauth2-redirect-failure", { access: Access.PUBLIC, page: "lk-oauth2-redirect-page",
    title: "Sign-in failed", load: () => import("./pages/auth/oauth2-redirect.js") });

// superusers
route("#/collections", { page: "lk-collections-page", title: "Collections",
    load: () => import("./pages/collections/index.js") });
route("#/logs", { page: "lk-logs-page", title: "Logs", load: () => import("./pages/logs/index.js") });
route("#/settings", { page: "lk-application-settings-page", title: "Application settings",
    load: () => import("./pages/settings/application.js") });
route("#/settings/mail", { page: "lk-mail-settings-page", title: "Mail settings",
    load: () => import("./pages/settings/mail.js") });
route("#/settings/storage", { page: "lk-storage-settings-page", title: "File storage",
    load: () => import("./pages/settings/storage.js") });
route("#/settings/backups", { page: "lk-backups-page", title: "Backups",
    load: () => import("./pages/settings/backups.js") });
route("#/settings/crons", { page: "lk-crons-page", title: "Crons", load: () => import("./pages/settings/crons.js") });
route("#/settings/export-collections", { page: "lk-export-collections-page", title: "Export collections",
    load: () => import("./pages/settings/export-collections.js") });
route("#/settings/import-collections", { page: "lk-import-collections-page", title: "Import collections",
    load: () => import("./pages/settings/import-collections.js") });
route("#/settings/sql", { page: "lk-sql-console-page", title: "SQL console",
    load: () => import("./pages/settings/sql.js") });
