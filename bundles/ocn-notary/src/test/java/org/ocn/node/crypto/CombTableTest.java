package org.ocn.node.crypto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bouncycastle.math.ec.ECPoint;
import org.junit.Test;

public class CombTableTest {

    private static final BigInteger N = Ethereum.CURVE.getN();
    private static final ECPoint G = Ethereum.CURVE.getG();

    @Test
    public void sumsOfTwoMultiplesAreBouncyCastlesForRandomAndEdgeScalars() {
        Random random = new Random(7);
        ECPoint q = G.multiply(new BigInteger(256, random).mod(N)).normalize();
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                N.subtract(BigInteger.ONE), N, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(43), BigInteger.ONE.shiftLeft(32)));
        for (int i = 0; i < 40; i++) {
            scalars.add(new BigInteger(256, random));
            scalars.add(new BigInteger(1 + random.nextInt(255), random));
        }
        for (int[] teeth : new int[][] {{8, 6}, {6, 8}, {5, 5}, {2, 10}}) {
            CombTable g = new CombTable(G, teeth[0]);
            CombTable key = new CombTable(q, teeth[1]);
            for (int i = 0; i + 1 < scalars.size(); i++) {
                BigInteger a = scalars.get(i);
                BigInteger b = scalars.get(scalars.size() - 1 - i);
                ECPoint expected = G.multiply(a.mod(N)).add(q.multiply(b.mod(N))).normalize();
                ECPoint actual = g.sumOfTwoMultiplies(a, key, b).normalize();
                assertEquals("teeth " + teeth[0] + "/" + teeth[1] + ", a=" + a + ", b=" + b, expected, actual);
            }
        }
    }

    @Test
    public void aSumThatIsInfinityIsInfinity() {
        CombTable g = new CombTable(G, 8);
        CombTable minusG = new CombTable(G.negate().normalize(), 6);
        BigInteger k = new BigInteger("123456789abcdef", 16);
        assertTrue(g.sumOfTwoMultiplies(k, minusG, k).isInfinity());
    }

    @Test
    public void scalarsOutsideTheCombAndBadWidthsAreRefused() {
        CombTable g = new CombTable(G, 6);
        assertThrows(IllegalArgumentException.class, () -> g.sumOfTwoMultiplies(BigInteger.ONE.shiftLeft(256), g,
                BigInteger.ONE));
        assertThrows(IllegalArgumentException.class, () -> g.sumOfTwoMultiplies(BigInteger.ONE.negate(), g,
                BigInteger.ONE));
        assertThrows(IllegalArgumentException.class, () -> new CombTable(G, 1));
        assertThrows(IllegalArgumentException.class, () -> new CombTable(G, 11));
    }
}
