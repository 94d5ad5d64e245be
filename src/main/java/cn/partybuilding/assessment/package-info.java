/**
 * 考核评议: the yearly assessment of branches (and general branches), scored from the other modules' figures and the
 * claims of manual indicators, reviewed, appealed and approved; and 民主评议党员 with secret, single votes.
 */
@ApplicationModule(displayName = "考核评议")
package cn.partybuilding.assessment;

import org.springframework.modulith.ApplicationModule;
