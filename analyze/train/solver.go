package train

import "math"

// sparse is a feature vector stored as its non-zero entries.
type sparse []sparseEntry

type sparseEntry struct {
	i int32
	v float64
}

func toSparse(x []float64) sparse {
	var s sparse
	for i, v := range x {
		if v != 0 {
			s = append(s, sparseEntry{int32(i), v})
		}
	}
	return s
}

func (s sparse) dot(w []float64) float64 {
	z := 0.0
	for _, e := range s {
		z += w[e.i] * e.v
	}
	return z
}

// fitLogistic fits weights and bias by Newton's method (iteratively
// reweighted least squares) with an L2 penalty per weight (l2[i]) pulling
// it towards prior[i] (zero when prior is nil), none on the bias.
// It is deterministic: no random initialisation, no data order effects.
// d is the number of features; sw are sample weights.
func fitLogistic(X []sparse, d int, y []float64, sw []float64, l2, prior []float64, iters int) ([]float64, float64) {
	p := d + 1 // last coordinate is the bias
	beta := make([]float64, p)
	H := make([][]float64, p)
	for i := range H {
		H[i] = make([]float64, p)
	}
	g := make([]float64, p)
	for it := 0; it < iters; it++ {
		for i := range H {
			for j := range H[i] {
				H[i][j] = 0
			}
			g[i] = 0
		}
		for n, x := range X {
			z := beta[d] + x.dot(beta)
			mu := sigmoid(z)
			wgt := sw[n]
			r := (mu - y[n]) * wgt
			s := mu * (1 - mu) * wgt
			if s < 1e-9 {
				s = 1e-9
			}
			for a, ea := range x {
				g[ea.i] += r * ea.v
				for _, eb := range x[a:] {
					H[ea.i][eb.i] += s * ea.v * eb.v
				}
				H[ea.i][d] += s * ea.v
			}
			g[d] += r
			H[d][d] += s
		}
		for i := 0; i < d; i++ {
			p := 0.0
			if prior != nil {
				p = prior[i]
			}
			g[i] += l2[i] * (beta[i] - p)
			H[i][i] += l2[i]
		}
		H[d][d] += 1e-6
		for i := 0; i < p; i++ {
			for j := 0; j < i; j++ {
				H[i][j] = H[j][i]
			}
		}
		step, ok := solveCholesky(H, g)
		if !ok {
			break
		}
		maxStep := 0.0
		for i := range beta {
			beta[i] -= step[i]
			maxStep = math.Max(maxStep, math.Abs(step[i]))
		}
		if maxStep < 1e-7 {
			break
		}
	}
	return beta[:d], beta[d]
}

// solveCholesky solves A x = b for a symmetric positive definite A.
func solveCholesky(A [][]float64, b []float64) ([]float64, bool) {
	n := len(A)
	L := make([][]float64, n)
	for i := range L {
		L[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := 0; j <= i; j++ {
			sum := A[i][j]
			for k := 0; k < j; k++ {
				sum -= L[i][k] * L[j][k]
			}
			if i == j {
				if sum <= 0 {
					return nil, false
				}
				L[i][i] = math.Sqrt(sum)
			} else {
				L[i][j] = sum / L[j][j]
			}
		}
	}
	y := make([]float64, n)
	for i := 0; i < n; i++ {
		s := b[i]
		for k := 0; k < i; k++ {
			s -= L[i][k] * y[k]
		}
		y[i] = s / L[i][i]
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := y[i]
		for k := i + 1; k < n; k++ {
			s -= L[k][i] * x[k]
		}
		x[i] = s / L[i][i]
	}
	return x, true
}

// fitPlatt fits A and B of sigmoid(A z + B) to labelled raw scores, with
// Platt's smoothed targets to avoid overconfidence.
func fitPlatt(z, y []float64) (float64, float64) {
	var pos, neg float64
	for _, v := range y {
		if v > 0.5 {
			pos++
		} else {
			neg++
		}
	}
	hi, lo := (pos+1)/(pos+2), 1/(neg+2)
	X := make([]sparse, len(z))
	t := make([]float64, len(z))
	w := make([]float64, len(z))
	for i := range z {
		X[i] = sparse{{0, z[i]}}
		if y[i] > 0.5 {
			t[i] = hi
		} else {
			t[i] = lo
		}
		w[i] = 1
	}
	a, b := fitLogistic(X, 1, t, w, []float64{1e-3}, nil, 50)
	if a[0] <= 0 {
		return 1, 0
	}
	return a[0], b
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	ez := math.Exp(z)
	return ez / (1 + ez)
}
