/**
 * 志愿服务: activities an organisation or its service team publishes, shifts with places, sign-up with a waiting list,
 * check-in by the rotating QR code, hours the organiser confirms, certificates and rankings of hours.
 */
@ApplicationModule(displayName = "志愿服务")
package cn.partybuilding.volunteer;

import org.springframework.modulith.ApplicationModule;
