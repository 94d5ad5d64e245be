/**
 * 交流互动: letters to a branch secretary or an organisation, questions and answers within an audience, surveys and
 * votes — named or anonymous, with secret ballots that no one can link to their voters.
 */
@ApplicationModule(displayName = "交流互动")
package cn.partybuilding.interaction;

import org.springframework.modulith.ApplicationModule;
