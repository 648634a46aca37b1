package dev.locket.application.service.support;

import dev.locket.application.hook.Hook;
import dev.locket.application.hook.MailerEvent;
import dev.locket.application.port.out.MailMessage;
import dev.locket.application.port.out.Mailer;
import java.util.Objects;

/**
 * The app's mailer: every mail goes through upstream's {@code OnMailerSend} hook, whose default action hands
 * the (possibly changed) message to the transport, as upstream's mail client does for every send.
 */
public final class HookedMailer implements Mailer {
    private final Hook<MailerEvent> onSend;
    private final Mailer transport;

    public HookedMailer(Hook<MailerEvent> onSend, Mailer transport) {
        this.onSend = Objects.requireNonNull(onSend);
        this.transport = Objects.requireNonNull(transport);
    }

    @Override
    public void send(MailMessage message) {
        onSend.trigger(new MailerEvent(message), e -> transport.send(e.message()));
    }
}
