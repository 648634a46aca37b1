package dev.locket.adapters.sqlite;

import java.util.List;

/** TEMPORARY stand-in until h/rule lands; deleted at merge. */
public record SqlFragment(String sql, List<Object> params) {
}
