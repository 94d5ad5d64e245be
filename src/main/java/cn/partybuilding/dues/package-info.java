/**
 * 党费: the 2008 regulation's brackets as a versioned table, members' bases, monthly bills, offline and
 * online payment (through a {@link PaymentGateway}), arrears and reports.
 */
@ApplicationModule(displayName = "党费")
package cn.partybuilding.dues;

import org.springframework.modulith.ApplicationModule;

