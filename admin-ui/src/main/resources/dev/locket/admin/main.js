// The dashboard's entry point: routes, the session's background refresh, then the app element.

import "./routes.js";
import { session } from "./core/session.js";
import "./shell/app.js";

session.refresh();
session.loadSettings();
