/**
 * 宣传: news, notices with read receipts, columns and features on people, reviewed level by level before they are
 * published, screened against the committee's word list, withdrawable, read in the platform and on a public portal.
 */
@ApplicationModule(displayName = "宣传")
package cn.partybuilding.content;

import org.springframework.modulith.ApplicationModule;
