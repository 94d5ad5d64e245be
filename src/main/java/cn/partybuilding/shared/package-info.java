/**
 * The tiny shared kernel: who is calling and at which organisations ({@link Caller}),
 * the event contract the audit log listens to, and the out-of-scope signal.
 */
package cn.partybuilding.shared;
