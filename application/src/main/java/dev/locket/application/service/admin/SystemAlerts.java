package dev.locket.application.service.admin;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Mailer;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.service.auth.AuthMails;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;

/** Upstream's system alerts: a mail to every superuser when something ran unattended and failed. */
public final class SystemAlerts {
    private static final System.Logger LOG = System.getLogger(SystemAlerts.class.getName());
    private static final String SUPERUSERS = "_superusers";
    /** Upstream's placeholder account of a dashboard installer in progress, which has no mailbox. */
    private static final String INSTALLER = "__pbinstaller@example.com";

    private final CollectionStore collections;
    private final RecordStore records;
    private final AuthMails mails;

    public SystemAlerts(CollectionStore collections, RecordStore records, AuthMails mails) {
        this.collections = collections;
        this.records = records;
        this.mails = mails;
    }

    /** Sends {@code subject}/{@code details} to each superuser; failures are logged, one line each. */
    public void alertSuperusers(String subject, String details) {
        Collection superusers = collections.find(SUPERUSERS).orElse(null);
        if (superusers == null) {
            return;
        }
        RequestInfo system = RequestInfo.system();
        List<Record> all = records.list(superusers, RecordQuery.all(1, 1000, system))
                .items();
        for (Record r : all) {
            String email = r.text("email");
            if (email.isEmpty() || email.equals(INSTALLER)) {
                continue;
            }
            try {
                mails.sendSystemAlert(email, subject, details);
            } catch (Mailer.MailFailure e) {
                e.log(LOG, "Failed to send the system alert \"" + subject + "\" to " + email);
            }
        }
    }
}
