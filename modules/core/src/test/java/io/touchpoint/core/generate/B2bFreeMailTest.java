package io.touchpoint.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.accounts.FreeMailDomains;
import org.junit.jupiter.api.Test;

/** The B2B sample's free-mail people are free mail to the engine too, so they never form an account. */
class B2bFreeMailTest {
    @Test
    void everyFreeMailDomainOfTheGeneratorIsOnTheEnginesList() {
        assertThat(B2bWorld.FREE_MAIL).isNotEmpty().allSatisfy(d -> assertThat(FreeMailDomains.bundled().isFreeMail(d)).as(d).isTrue());
    }
}
