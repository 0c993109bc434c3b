package io.touchpoint.core.generate;

/**
 * What one {@link B2bGenerator} run wrote: the counts and the ground truth an engine test can check against.
 *
 * @param eventRows          data lines of events.csv (header excluded): events + retry duplicates + malformed
 * @param events             distinct well-formed events, bot events included
 * @param malformed          deliberately broken lines in events.csv
 * @param visitors           distinct visitor ids, bots included
 * @param bots               visitor ids that are crawlers
 * @param people             humans with an e-mail address (account people and free-mail people)
 * @param identifiedPeople   of those, the ones whose e-mail appears as a user_id in events.csv
 * @param accounts           companies in accounts.csv
 * @param freeMailPeople     people with a free-mail address (gmail.com, ...); never in accounts.csv
 * @param crmRows            data lines of crm.csv
 * @param crmUnmatched       CRM rows whose keys match nothing in events.csv or accounts.csv, on purpose
 * @param leads              lead_created rows (unmatched ones included)
 * @param opportunities      opportunity_created rows (unmatched ones included)
 * @param wonAccounts        accounts with a closed_won row
 * @param lostAccounts       accounts with a closed_lost row
 * @param wonValueCents      sum of the closed_won values, in cents
 * @param selfReported       lead rows with a non-blank self_reported answer
 * @param darkSocialAnswers  of those, answers naming a dark-social source (podcast, colleague, community, event)
 * @param spendRows          data lines of spend.csv
 * @param spendCents         sum of spend.csv's cost, in cents
 */
public record B2bStats(long eventRows, long events, long malformed, long visitors, long bots, long people,
                       long identifiedPeople, long accounts, long freeMailPeople, long crmRows, long crmUnmatched,
                       long leads, long opportunities, long wonAccounts, long lostAccounts, long wonValueCents,
                       long selfReported, long darkSocialAnswers, long spendRows, long spendCents) {
}
