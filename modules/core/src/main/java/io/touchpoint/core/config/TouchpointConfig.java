package io.touchpoint.core.config;

import io.touchpoint.core.conversion.Goals;
import io.touchpoint.core.funnel.Funnels;
import io.touchpoint.core.selfreported.SelfReportedConfig;
import io.touchpoint.core.spend.SpendConfig;
import io.touchpoint.core.traffic.ChannelRules;
import java.io.Serializable;

/**
 * The validated, effective configuration of one run.
 *
 * @param aggregatesPath where the aggregate tables and the report are also published, for readers
 *     who must not see person-level tables ({@code touchpoint.output.aggregates-path}; empty: nowhere)
 * @param sparkApi {@code internal} (Spark's own rows and plans: fast) or {@code public} (Spark's
 *     public API only: slower, the same tables)
 * @param privacy how personal values are protected ({@code touchpoint.privacy})
 * @param selfReported the self-reported attribution answers' column and the rules mapping them to channels
 *     ({@code touchpoint.self-reported})
 * @param crm the CRM export of offline outcomes ({@code touchpoint.crm}, docs/crm.md)
 * @param spend the ad spend file whose costs the summary and the comparison set against the credits
 *     ({@code touchpoint.spend}; {@link SpendConfig#NONE} when none)
 * @param accounts the file mapping people or devices to the companies they work for
 *     ({@code touchpoint.accounts}, docs/accounts.md)
 * @param effective the merged configuration (flags over file over defaults) as HOCON-compatible
 *     JSON, recorded in the run manifest
 */
public record TouchpointConfig(
        InputConfig input,
        String outputPath,
        String aggregatesPath,
        SessionConfig sessions,
        ChannelRules channelRules,
        Goals goals,
        AttributionConfig attribution,
        Funnels funnels,
        Report report,
        DateRange range,
        String sparkApi,
        io.touchpoint.core.privacy.PrivacyConfig privacy,
        SelfReportedConfig selfReported,
        io.touchpoint.core.crm.CrmConfig crm,
        SpendConfig spend,
        io.touchpoint.core.accounts.AccountsConfig accounts,
        String effective) implements Serializable {

    /**
     * {@code touchpoint.report}: whether {@code run} ends with the HTML report, its title, the
     * currency it formats money in, and the fewest people a shown row may stand for
     * ({@code min-people}; 0 shows every row).
     */
    public record Report(boolean enabled, String title, String currency, int minPeople) implements Serializable {
    }
}
