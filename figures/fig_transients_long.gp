# fig_transients_long - the mean-weight trajectories of the long runs at small learning
# rates (experiments dist_hebb, dist_kohonen, dist_istdp) against the drift-equation
# solutions, as the paper's transient-dynamics figure (figures/transients.gp draws it).
load figsrc . "/common.gp"
array fam[3] = ["dist_hebb", "dist_kohonen", "dist_istdp"]
array blk[3] = ["jee", "jee", "jei"]
array lbl[3] = ["(a) soft-bound Hebbian (R1) on E→E, j_{max} 30", "(b) Kohonen (R3) on E→E, b = 2", "(c) inhibitory STDP (R4) on I→E, ρ_e 10 Hz"]
array col[3] = [cE, cE, cI]
TNAME = "fig_transients_long"
TTITLE = "Mean-weight transients of the long runs at small learning rates: simulation (points) and theory (lines)"
load figsrc . "/transients.gp"
