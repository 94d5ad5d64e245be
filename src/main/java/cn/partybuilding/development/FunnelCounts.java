package cn.partybuilding.development;

/**
 * The 发展党员 steps approved in a period: applications received, activists and 发展对象 decided, admissions approved
 * and conversions approved (an extended probation is not a conversion).
 */
public record FunnelCounts(long applications, long activists, long candidates, long admitted, long converted) {
}
