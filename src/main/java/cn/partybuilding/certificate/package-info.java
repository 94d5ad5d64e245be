/**
 * 证书: certificates of completion for a course, a training class or service hours — a PDF with a code and a QR
 * that anyone checks on a public page. Modules issue them; the holder and the issuing organisation's managers
 * download them.
 */
@ApplicationModule(displayName = "证书")
package cn.partybuilding.certificate;

import org.springframework.modulith.ApplicationModule;
