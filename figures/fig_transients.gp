# fig_transients - simulated mean-weight trajectories next to the theory transients
# (paper/model.md section 6: the drift equations in real time, rates re-balanced at every
# weight), for one run of each rule at the largest N of its size sweep (repeat 0):
#   (a) R1 soft-bound Hebbian on E->E (size_hebb, cx = 0.75);
#   (b) R3 Kohonen on E->E (size_kohonen, cx = 0);
#   (c) R4 iSTDP on I->E (size_istdp, cx = 0.1).
# Lines: the plain drift (solid) and, where cx > 0, the drift with the input-correlation
# terms (dash-dot).
load figsrc . "/common.gp"
array fam[3] = ["size_hebb", "size_kohonen", "size_istdp"]
array blk[3] = ["jee", "jee", "jei"]
array lbl[3] = ["(a) soft-bound Hebbian (R1) on E→E, j_{max} 25", "(b) Kohonen (R3) on E→E, b = 2", "(c) inhibitory STDP (R4) on I→E, ρ_e 10 Hz"]
array col[3] = [cE, cE, cI]
TNAME = "fig_transients"
TTITLE = "Mean-weight transients: simulation (points, one run at the largest N) and theory (lines)"
load figsrc . "/transients.gp"
