package dev.locket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every hook of upstream's {@code core/app.go} (v0.39) has its Java counterpart on the app under the same name, and
 * the hooks upstream lets handlers narrow by collection ({@code tags ...string}) take {@code String...} here too.
 */
class HookNamesTest {
    /** {@code grep -oE "^\\s+On[A-Za-z0-9]+\\(" core/app.go}, first letter lowered. */
    private static final List<String> UPSTREAM = List.of(
            "onBackupCreate", "onBackupRestore", "onBatchRequest", "onBootstrap", "onCollectionAfterCreateError",
            "onCollectionAfterCreateSuccess", "onCollectionAfterDeleteError", "onCollectionAfterDeleteSuccess",
            "onCollectionAfterUpdateError", "onCollectionAfterUpdateSuccess", "onCollectionCreate",
            "onCollectionCreateExecute", "onCollectionCreateRequest", "onCollectionDelete",
            "onCollectionDeleteExecute", "onCollectionDeleteRequest", "onCollectionUpdate",
            "onCollectionUpdateExecute", "onCollectionUpdateRequest", "onCollectionValidate",
            "onCollectionViewRequest", "onCollectionsImportRequest", "onCollectionsListRequest",
            "onFileDownloadRequest", "onFileTokenRequest", "onMailerRecordAuthAlertSend",
            "onMailerRecordEmailChangeSend", "onMailerRecordOTPSend", "onMailerRecordPasswordResetSend",
            "onMailerRecordVerificationSend", "onMailerSend", "onModelAfterCreateError",
            "onModelAfterCreateSuccess", "onModelAfterDeleteError", "onModelAfterDeleteSuccess",
            "onModelAfterUpdateError", "onModelAfterUpdateSuccess", "onModelCreate", "onModelCreateExecute",
            "onModelDelete", "onModelDeleteExecute", "onModelUpdate", "onModelUpdateExecute", "onModelValidate",
            "onRealtimeConnectRequest", "onRealtimeMessageSend", "onRealtimeSubscribeRequest",
            "onRecordAfterCreateError", "onRecordAfterCreateSuccess", "onRecordAfterDeleteError",
            "onRecordAfterDeleteSuccess", "onRecordAfterUpdateError", "onRecordAfterUpdateSuccess",
            "onRecordAuthRefreshRequest", "onRecordAuthRequest", "onRecordAuthWithOAuth2Request",
            "onRecordAuthWithOTPRequest", "onRecordAuthWithPasswordRequest", "onRecordConfirmEmailChangeRequest",
            "onRecordConfirmPasswordResetRequest", "onRecordConfirmVerificationRequest", "onRecordCreate",
            "onRecordCreateExecute", "onRecordCreateRequest", "onRecordDelete", "onRecordDeleteExecute",
            "onRecordDeleteRequest", "onRecordEnrich", "onRecordRequestEmailChangeRequest",
            "onRecordRequestOTPRequest", "onRecordRequestPasswordResetRequest",
            "onRecordRequestVerificationRequest", "onRecordUpdate", "onRecordUpdateExecute",
            "onRecordUpdateRequest", "onRecordValidate", "onRecordViewRequest", "onRecordsListRequest", "onServe",
            "onSettingsListRequest", "onSettingsReload", "onSettingsUpdateRequest", "onTerminate");

    /** The hooks upstream declares with {@code (tags ...string)}. */
    private static final Set<String> TAGGED = Set.of(
            "onCollectionAfterCreateError", "onCollectionAfterCreateSuccess", "onCollectionAfterDeleteError",
            "onCollectionAfterDeleteSuccess", "onCollectionAfterUpdateError", "onCollectionAfterUpdateSuccess",
            "onCollectionCreate", "onCollectionCreateExecute", "onCollectionDelete", "onCollectionDeleteExecute",
            "onCollectionUpdate", "onCollectionUpdateExecute", "onCollectionValidate", "onFileDownloadRequest",
            "onFileTokenRequest", "onMailerRecordAuthAlertSend", "onMailerRecordEmailChangeSend",
            "onMailerRecordOTPSend", "onMailerRecordPasswordResetSend", "onMailerRecordVerificationSend",
            "onModelAfterCreateError", "onModelAfterCreateSuccess", "onModelAfterDeleteError",
            "onModelAfterDeleteSuccess", "onModelAfterUpdateError", "onModelAfterUpdateSuccess", "onModelCreate",
            "onModelCreateExecute", "onModelDelete", "onModelDeleteExecute", "onModelUpdate",
            "onModelUpdateExecute", "onModelValidate", "onRecordAfterCreateError", "onRecordAfterCreateSuccess",
            "onRecordAfterDeleteError", "onRecordAfterDeleteSuccess", "onRecordAfterUpdateError",
            "onRecordAfterUpdateSuccess", "onRecordAuthRefreshRequest", "onRecordAuthRequest",
            "onRecordAuthWithOAuth2Request", "onRecordAuthWithOTPRequest", "onRecordAuthWithPasswordRequest",
            "onRecordConfirmEmailChangeRequest", "onRecordConfirmPasswordResetRequest",
            "onRecordConfirmVerificationRequest", "onRecordCreate", "onRecordCreateExecute",
            "onRecordCreateRequest", "onRecordDelete", "onRecordDeleteExecute", "onRecordDeleteRequest",
            "onRecordEnrich", "onRecordRequestEmailChangeRequest", "onRecordRequestOTPRequest",
            "onRecordRequestPasswordResetRequest", "onRecordRequestVerificationRequest", "onRecordUpdate",
            "onRecordUpdateExecute", "onRecordUpdateRequest", "onRecordValidate", "onRecordViewRequest",
            "onRecordsListRequest");

    @Test
    void everyUpstreamHookIsOnTheApp() {
        assertEquals(83, UPSTREAM.size());
        List<String> missing = new ArrayList<>();
        for (String name : UPSTREAM) {
            boolean plain = publicMethods(name).anyMatch(m -> m.getParameterCount() == 0);
            boolean tagged = publicMethods(name).anyMatch(m -> m.getParameterCount() == 1 && m.isVarArgs()
                    && m.getParameterTypes()[0] == String[].class);
            if (!plain && !tagged) {
                missing.add(name);
            } else if (TAGGED.contains(name) && !tagged) {
                missing.add(name + "(String...)");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theAppHasNoHookUpstreamLacks() {
        Set<String> upstream = new TreeSet<>(UPSTREAM);
        Set<String> extra = new TreeSet<>();
        for (Method m : Locket.class.getMethods()) {
            if (m.getName().matches("on[A-Z].*") && Modifier.isPublic(m.getModifiers())
                    && !upstream.contains(m.getName())) {
                extra.add(m.getName());
            }
        }
        assertEquals(Set.of(), extra, "a hook name Locket invented: name it as upstream or drop it");
    }

    private static java.util.stream.Stream<Method> publicMethods(String name) {
        return Arrays.stream(Locket.class.getMethods()).filter(m -> m.getName().equals(name));
    }
}
