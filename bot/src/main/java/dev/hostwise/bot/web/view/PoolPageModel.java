package dev.hostwise.bot.web.view;

import java.util.List;
import java.util.Optional;

/**
 * The admins' pool page ({@code pool.jte}, {@code GET /pool}): the teams whose pooled demand might clear
 * the break-even together, each pool decided and stored.
 *
 * @param frame   title and site link
 * @param summary how many pools among how many candidates and current verdicts
 * @param pools   each pool, the largest saving first
 */
public record PoolPageModel(PageFrame frame, String summary, List<PoolModel> pools) {

    /**
     * @param verdict          the pooled verdict, stored and citable
     * @param heading          "Self-host for 4 verdicts on Llama 3.1 8B"
     * @param recommended      whether the policy recommends the pool (empty for a verdict the pool rule did not judge)
     * @param policyReason     the pool rule's reason
     * @param together         the pooled volume and both daily costs, in one sentence
     * @param howSure          the pooled verdict's how-sure line, or empty
     * @param moreVolumeNeeded "about 12,000 more requests a day", when the pool still falls short
     * @param members          each member verdict with what it would save
     */
    public record PoolModel(VerdictLink verdict, String heading, Optional<Boolean> recommended, String policyReason,
                            String together, String howSure, Optional<String> moreVolumeNeeded, List<MemberRow> members) {

        /** The notice's class: the stylesheet colours a recommended pool apart from one that is not. */
        public String noticeClass() {
            return recommended.orElse(false) ? "pool-recommended" : "pool-not-recommended";
        }
    }

    /**
     * @param verdict      a link to the member's verdict, when it is still stored
     * @param id           the member's verdict ID
     * @param askedFrom    who asked, from where
     * @param alone        the member's own recommendation
     * @param hostedPerDay its hosted bill per day
     * @param shareOfPool  its share of the pool's cost per day
     * @param saving       what it saves per day by pooling
     */
    public record MemberRow(Optional<VerdictLink> verdict, String id, String askedFrom, String alone, String hostedPerDay,
                            String shareOfPool, String saving) {
    }
}
