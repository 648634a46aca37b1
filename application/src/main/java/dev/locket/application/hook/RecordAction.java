package dev.locket.application.hook;

/** Which write an after-commit record event reports. */
public enum RecordAction {
    CREATE, UPDATE, DELETE
}
