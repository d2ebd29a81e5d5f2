// Reference for samples/struct_args.cu.
// kport-tolerance integrate: rtol=1e-6 atol=1e-6
// kport-tolerance energy: rtol=1e-6 atol=1e-7
// Mirrors the sample's structs field for field (same layout: 4 floats each).
// Precision: the device may contract the multiply-adds into FMAs.

struct Particle {
    float x, y, vx, vy;
};

struct SimParams {
    float dt, gravity, damping, box;
};

// Elastic wall: a coordinate that left [0, box] is mirrored back inside and
// its velocity component reversed (one reflection suffices for |v dt| < box).
static void reflect(float& pos, float& vel, float box)
{
    if (pos < 0.0f) {
        pos = -pos;
        vel = -vel;
    } else if (pos > box) {
        pos = 2.0f * box - pos;
        vel = -vel;
    }
}

// Semi-implicit Euler step: gravity on vy, damping on both velocity
// components, move, then bounce off the walls of the [0, box]^2 square.
void ref_integrate(Particle* particles, int n, SimParams params)
{
    for (int i = 0; i < n; ++i) {
        Particle& p = particles[i];
        p.vx = p.vx * params.damping;
        p.vy = (p.vy - params.gravity * params.dt) * params.damping;
        p.x = p.x + p.vx * params.dt;
        p.y = p.y + p.vy * params.dt;
        reflect(p.x, p.vx, params.box);
        reflect(p.y, p.vy, params.box);
    }
}

// E = m |v|^2 / 2 per particle.
void ref_energy(const Particle* particles, float mass, float* energy, int n)
{
    for (int i = 0; i < n; ++i) {
        const Particle& p = particles[i];
        energy[i] = 0.5f * mass * (p.vx * p.vx + p.vy * p.vy);
    }
}
