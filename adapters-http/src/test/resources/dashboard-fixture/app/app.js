// A module of the fixture dashboard, a little over the gzip threshold so it is served compressed.
import { greet } from "lib";

const words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"];
document.body.append(greet(words.join(", ")));
document.body.append(greet(words.reverse().join(", ")));
document.body.append(greet(words.map((w) => w.toUpperCase()).join(", ")));
