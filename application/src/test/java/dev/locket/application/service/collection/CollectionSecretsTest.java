package dev.locket.application.service.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.AuthOptionsCodec;
import dev.locket.domain.collection.FixtureCollections;
import dev.locket.domain.collection.TokenConfig;
import dev.locket.domain.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CollectionSecretsTest {

    /** The stored options as a client sends them back: no token secrets, no OAuth2 client secrets. */
    @SuppressWarnings("unchecked")
    private static AuthOptions withoutSecrets(AuthOptions o, TokenConfig fileToken) {
        Map<String, Object> extra = new LinkedHashMap<>(o.extra());
        Map<String, Object> oauth2 = new LinkedHashMap<>((Map<String, Object>) extra.get("oauth2"));
        List<Object> providers = new ArrayList<>();
        for (Object p : (List<Object>) oauth2.get("providers")) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) p);
            copy.put("clientSecret", "");
            providers.add(copy);
        }
        oauth2.put("providers", providers);
        extra.put("oauth2", oauth2);
        return new AuthOptions(o.authRule(), o.manageRule(), o.passwordAuth(),
                new TokenConfig("", o.authToken().duration()), new TokenConfig("", 1800), new TokenConfig("", 1800),
                new TokenConfig("", 86400), fileToken, extra);
    }

    @Test
    void secretsTheClientLeftOutComeBackAndSubmittedOnesAreKept() {
        AuthCollection stored = (AuthCollection) FixtureCollections.collection("users");
        TokenConfig submitted = new TokenConfig("a-new-secret-submitted-by-the-client-xyz", 60);

        AuthOptions kept = CollectionSecrets.keepSecrets(withoutSecrets(stored.auth(), submitted), stored.auth());

        assertEquals(stored.auth().authToken(), kept.authToken());
        assertEquals(submitted, kept.fileToken());
        String oauth2 = Json.write(AuthOptionsCodec.write(kept).get("oauth2"));
        assertTrue(oauth2.contains("\"name\":\"gitlab\",\"clientId\":\"test1\",\"clientSecret\":\"test2\""), oauth2);
    }

    @Test
    void stillEmptySecretsAreGeneratedAndAnAuthRuleChangeGetsANewAuthSecret() {
        AuthCollection stored = (AuthCollection) FixtureCollections.collection("users");
        CollectionSecrets secrets = new CollectionSecrets(new SplittableRandom(7));
        AuthOptions blank = withoutSecrets(stored.auth(), new TokenConfig("", 180));

        AuthCollection fresh = secrets.withSecrets(stored.withAuth(blank), blank);
        assertEquals(50, fresh.auth().authToken().secret().length());
        assertEquals(50, fresh.auth().fileToken().secret().length());

        AuthCollection renewed = secrets.withNewAuthSecret(stored);
        assertNotEquals(stored.auth().authToken().secret(), renewed.auth().authToken().secret());
        assertEquals(stored.auth().fileToken(), renewed.auth().fileToken());
    }
}
