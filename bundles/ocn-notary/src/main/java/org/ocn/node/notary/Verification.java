package org.ocn.node.notary;

/**
 * The outcome of a verification.
 *
 * @param valid     whether the signature holds for the values
 * @param error     why not, in the reference node's words ({@code Request has been modified.}, {@code Signatories do
 *                  not match.}, {@code Rewrite i: ...}); {@code null} when valid
 * @param signatory the signer of the outermost signature, when valid
 */
public record Verification(boolean valid, String error, String signatory) {

    static Verification ok(String signatory) {
        return new Verification(true, null, signatory);
    }

    static Verification failed(String error) {
        return new Verification(false, error, null);
    }
}
