/**
 * 党费: the 2008 regulation's brackets as a versioned table, members' bases, monthly bills, offline and
 * online payment (through a {@link cn.partybuilding.dues.PaymentGateway}), arrears and reports.
 */
@org.springframework.modulith.ApplicationModule(displayName = "党费")
package cn.partybuilding.dues;
