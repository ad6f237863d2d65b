# fig_windows - the learning window of every rule (paper/model.md section 4), measured
# with the simulator's own update code (`pbn window`: one synapse, one presynaptic and
# one postsynaptic spike at lag t_post - t_pre, traces from zero, the step order of a run)
# next to the paper's analytic window (lines, first order in eta, exponential traces).
#
# The paper draws its windows with tau_STDP = 20 ms (its runs use 200 ms); so does this
# figure, at N 5000 and eta 0.01.  The x axis is t_post - t_pre (the authors' notebooks
# use t_pre - t_post: their curves are these mirrored).  Each point is the whole change
# of a pair, so under R3 and R4-R6 it includes the terms each spike makes on its own (the
# decay -eta j at a postsynaptic spike of R3, the rate term -alpha at a presynaptic spike
# of R4-R6), which the paper's drawings attach to one side only.  At lag 0 both spikes
# fall in one step and neither sees the other's trace (the isolated point).
# No database is read.
load figsrc . "/common.gp"

TAU = 20.0; ETA = 0.01; N = 5000; SQ = sqrt(N)
base = sprintf("--set N=%d --set tau_stdp=%g --lags -100:0.5:100", N, TAU)
win(f, opts) = (system(sprintf("'%s' window %s %s > '%s/%s'", pbn, base, opts, tmp, f)), tmp . "/" . f)

# rule k: label, the pbn window options, the normalisation of dj, the y label and the
# analytic window y(lag) (lag in ms)
array lbl[7] = ["R1 soft-bound Hebbian, E→E (j_{max} 30, j_0 25)", \
                "R2 additive Hebbian, E→E (bounds [0, 50], j_0 25)", \
                "R3 Kohonen, E→E (b 2, j_0 1)", \
                "R4 iSTDP, I→E (ρ_e 10 Hz, α 0.4, j_0 -150)", \
                "R5 iSTDP, I→I (ρ_i 20 Hz, α 0.8, j_0 -250)", \
                "R6 homeostatic, E→I (ρ_{ie} 23 Hz, α 0.92, j_0 100)", \
                "R7 soft-bound Hebbian, E→I (j_{max} 112.5, j_0 100)"]
array F[7]
F[1] = win("r1.tsv", sprintf("--block ee --set plastic_ee=hebb_soft --set eta_ee=%g --set jmax_ee=30 --weight 25", ETA))
@CHECK
F[2] = win("r2.tsv", sprintf("--block ee --set plastic_ee=hebb_add --set eta_ee=%g --set jmin_ee=0 --set jmax_ee=50 --weight 25", ETA))
@CHECK
F[3] = win("r3.tsv", sprintf("--block ee --set plastic_ee=kohonen --set eta_ee=%g --set beta=2 --weight 1", ETA))
@CHECK
F[4] = win("r4.tsv", sprintf("--block ei --set plastic_ei=istdp --set eta_ei=%g --set rho_e=10 --weight -150", ETA))
@CHECK
F[5] = win("r5.tsv", sprintf("--block ii --set plastic_ei=istdp --set plastic_ii=istdp --set eta_ii=%g --set rho_i=20 --weight -250", ETA))
@CHECK
F[6] = win("r6.tsv", sprintf("--block ie --set plastic_ie=homeo --set eta_ie=%g --set rho_ie=23 --weight 100", ETA))
@CHECK
F[7] = win("r7.tsv", sprintf("--block ie --set plastic_ie=hebb_soft --set eta_ie=%g --set jmax_ie=112.5 --weight 100", ETA))
@CHECK

E(x) = exp(-abs(x) / TAU)
# analytic windows, in the units of each panel's y axis
y1(x) = x > 0 ? 30 * E(x) : -25 * E(x)           # dj / eta
y2(x) = x > 0 ? E(x) : -E(x)                     # dj / (eta sqrt N)
y3(x) = x > 0 ? -1 : -1 + 2 * E(x)               # dj / eta
y4(x) = E(x) - 0.4                               # d|j| |jnorm| / (eta sqrt N |j0|)
y5(x) = E(x) - 0.8
y6(x) = 0.92 - E(x)                              # dj jnorm / (eta sqrt N j0)
y7(x) = x > 0 ? 112.5 * E(x) : -100 * E(x)       # dj / eta
# the measured dj in the same units (column 4 is dj, column 1 the lag in ms)
m1(dj) = dj / ETA
m2(dj) = dj / (ETA * SQ)
m3(dj) = dj / ETA
m4(dj) = -dj * 200 / (ETA * SQ * 150)
m5(dj) = -dj * 200 / (ETA * SQ * 250)
m6(dj) = dj * 200 / (ETA * SQ * 100)
m7(dj) = dj / ETA
array ylab[7] = ["Δj / η", "Δj / (η √N)", "Δj / η", "Δ|j| |j_{norm}| / (η √N |j_0|)", \
                 "Δ|j| |j_{norm}| / (η √N |j_0|)", "Δj j_{norm} / (η √N j_0)", "Δj / η"]

do for [fmt in "png pdf"] {
    eval setterm(fmt, "fig_windows", 1500, 760)
    set multiplot layout 2,4 margins 0.05, 0.99, 0.08, 0.88 spacing 0.055, 0.12 title sprintf("Learning windows: measured with the simulator's update code (points, pbn window) and the paper's analytic windows (lines)\nτ_{STDP} %g ms (as the paper draws them), N %d, η %g; lag = t_{post} - t_{pre}; each point is the whole change caused by one pre and one post spike", TAU, N, ETA) font ",12"
    set xlabel "lag t_{post} - t_{pre} (ms)"
    set xrange [-100:100]
    set samples 801
    set key inside top right font ",9"
    do for [k = 1:7] {
        set title lbl[k] font ",10"
        set ylabel ylab[k]
        set yrange [*:*]; set offsets 0, 0, graph 0.08, graph 0.08
        if (k == 1) { plot F[k] every 4 using 1:(m1(column(4))) with points pt 7 ps 0.5 lc rgb cE title "measured", y1(x) with lines lc rgb cK lw 1 title "paper" }
        if (k == 2) { plot F[k] every 4 using 1:(m2(column(4))) with points pt 7 ps 0.5 lc rgb cE title "measured", y2(x) with lines lc rgb cK lw 1 title "paper" }
        if (k == 3) { plot F[k] every 4 using 1:(m3(column(4))) with points pt 7 ps 0.5 lc rgb cE title "measured", y3(x) with lines lc rgb cK lw 1 title "paper" }
        if (k == 4) { plot F[k] every 4 using 1:(m4(column(4))) with points pt 7 ps 0.5 lc rgb cI title "measured", y4(x) with lines lc rgb cK lw 1 title "paper" }
        if (k == 5) { plot F[k] every 4 using 1:(m5(column(4))) with points pt 7 ps 0.5 lc rgb cI title "measured", y5(x) with lines lc rgb cK lw 1 title "paper" }
        if (k == 6) { plot F[k] every 4 using 1:(m6(column(4))) with points pt 7 ps 0.5 lc rgb cE title "measured", y6(x) with lines lc rgb cK lw 1 title "paper" }
        if (k == 7) { plot F[k] every 4 using 1:(m7(column(4))) with points pt 7 ps 0.5 lc rgb cE title "measured", y7(x) with lines lc rgb cK lw 1 title "paper" }
    }
    # the eighth panel: how to read the figure
    unset title; unset xlabel; unset ylabel; unset border; unset tics; unset grid; unset key
    set label 1 "Reading the panels:\n\n• lag > 0: the presynaptic spike first\n• lag = 0: both spikes in one step;\n   neither sees the other's trace\n• R3 and R4-R6 include each spike's\n   own term (-η j at an R3 post spike,\n   the rate term α at an R4-R6 pre spike)\n• the paper's lines are first order in η;\n   the measured points are exact" at graph 0.02, graph 0.95 left font ",10"
    plot [0:1][0:1] NaN notitle
    unset label 1
    unset multiplot
}
