/**
 * 培训班: training classes for branch secretaries, cadres and members — sessions with hours, attendance by the
 * rotating QR code or by the organiser's hand, completion with a certificate, and the secretaries' yearly hours.
 */
@ApplicationModule(displayName = "培训班")
package cn.partybuilding.training;

import org.springframework.modulith.ApplicationModule;
