/**
 * The web shell: the layout and the navigation every module contributes to, the home page, page and API errors, the Formatters every form reads dates, months and amounts with, and the settings page.
 */
@ApplicationModule(displayName = "界面")
package cn.partybuilding.web;

import org.springframework.modulith.ApplicationModule;
