// The Box2D part of LunarLander: the world (terrain, lander, legs, joints), the contact listener, the engine
// impulses and the world step. Everything else (terrain heights, random numbers, observation, reward,
// termination) is computed in C# (LunarLander.cs); this file only holds what needs Box2D's C++ API.
//
// Geometry and constants are Gymnasium 1.0's lunar_lander.py. Built by Models.csproj:
//   g++ -O2 -shared -fPIC lunar_lander.cpp -o liba3c_box2d.so -lbox2d

#include <box2d/box2d.h>

#include <cmath>
#include <cstdint>
#include <new>

namespace
{
constexpr double Scale = 30.0;
constexpr double MainEnginePower = 13.0;
constexpr double SideEnginePower = 0.6;
constexpr double MainEngineYLocation = 4.0;
constexpr double SideEngineHeight = 14.0;
constexpr double SideEngineAway = 12.0;
// Gymnasium places the side engines' thrust 17 px along the lander's axis (not SIDE_ENGINE_HEIGHT); kept.
constexpr double SideEngineTipOffset = 17.0;
constexpr double LegAway = 20.0;
constexpr double LegDown = 18.0;
constexpr double LegW = 2.0;
constexpr double LegH = 8.0;
constexpr double LegSpringTorque = 40.0;
constexpr double Fps = 50.0;
constexpr int VelocityIterations = 6 * 30;
constexpr int PositionIterations = 2 * 30;

constexpr uint16_t GroundCategory = 0x0001;
constexpr uint16_t LanderCategory = 0x0010;
constexpr uint16_t LegCategory = 0x0020;

struct Simulation;

// Gymnasium's ContactDetector: any contact of the lander's hull ends the game; a leg's contact flag is set when
// one of its contacts begins and cleared when one ends.
class ContactDetector final : public b2ContactListener
{
public:
    explicit ContactDetector(Simulation& simulation) : simulation(simulation) {}
    void BeginContact(b2Contact* contact) override;
    void EndContact(b2Contact* contact) override;

private:
    Simulation& simulation;
};

struct Simulation
{
    explicit Simulation(float gravity) : world(b2Vec2(0.0f, gravity)), detector(*this)
    {
        world.SetContactListener(&detector);
    }

    b2World world;
    ContactDetector detector;
    b2Body* lander = nullptr;
    b2Body* legs[2] = {nullptr, nullptr};
    bool legContact[2] = {false, false};
    bool gameOver = false;

    bool Touches(const b2Contact* contact, const b2Body* body) const
    {
        return contact->GetFixtureA()->GetBody() == body || contact->GetFixtureB()->GetBody() == body;
    }
};

void ContactDetector::BeginContact(b2Contact* contact)
{
    if (simulation.Touches(contact, simulation.lander))
        simulation.gameOver = true;
    for (int i = 0; i < 2; i++)
    {
        if (simulation.Touches(contact, simulation.legs[i]))
            simulation.legContact[i] = true;
    }
}

void ContactDetector::EndContact(b2Contact* contact)
{
    for (int i = 0; i < 2; i++)
    {
        if (simulation.Touches(contact, simulation.legs[i]))
            simulation.legContact[i] = false;
    }
}

b2Vec2 Vec(double x, double y) { return b2Vec2(static_cast<float>(x), static_cast<float>(y)); }
} // namespace

extern "C" {

// What C# reads back after a step. Pose and velocities of the lander; poses of the legs (for drawing).
struct LunarLanderState
{
    float x, y, vx, vy, angle, angularVelocity;
    float leg0X, leg0Y, leg0Angle, leg1X, leg1Y, leg1Angle;
    int32_t leg0Contact, leg1Contact, gameOver, awake;
};

// Builds a world: a flat edge at y = 0 from 0 to width, the terrain as edges through the given points, the lander
// at (startX, startY) pushed by the initial force (applied during the first step, as Gymnasium's
// ApplyForceToCenter), and the two spring-loaded legs. Returns null when out of memory.
__attribute__((visibility("default"))) void* a3c_lunar_lander_create(
    float gravity, const double* terrainX, const double* terrainY, int32_t points, double width,
    double startX, double startY, double forceX, double forceY)
{
    Simulation* simulation = new (std::nothrow) Simulation(gravity);
    if (simulation == nullptr)
        return nullptr;
    b2World& world = simulation->world;

    b2BodyDef moonDef;
    b2Body* moon = world.CreateBody(&moonDef);
    b2EdgeShape bottom;
    bottom.SetTwoSided(Vec(0, 0), Vec(width, 0));
    moon->CreateFixture(&bottom, 0.0f);
    for (int32_t i = 0; i + 1 < points; i++)
    {
        b2EdgeShape edge;
        edge.SetTwoSided(Vec(terrainX[i], terrainY[i]), Vec(terrainX[i + 1], terrainY[i + 1]));
        b2FixtureDef fixture;
        fixture.shape = &edge;
        fixture.density = 0.0f;
        fixture.friction = 0.1f;
        moon->CreateFixture(&fixture);
    }

    static const double hull[6][2] = {{-14, 17}, {-17, 0}, {-17, -10}, {17, -10}, {17, 0}, {14, 17}};
    b2Vec2 vertices[6];
    for (int i = 0; i < 6; i++)
        vertices[i] = Vec(hull[i][0] / Scale, hull[i][1] / Scale);
    b2PolygonShape landerShape;
    landerShape.Set(vertices, 6);
    b2BodyDef landerDef;
    landerDef.type = b2_dynamicBody;
    landerDef.position = Vec(startX, startY);
    landerDef.angle = 0.0f;
    simulation->lander = world.CreateBody(&landerDef);
    b2FixtureDef landerFixture;
    landerFixture.shape = &landerShape;
    landerFixture.density = 5.0f;
    landerFixture.friction = 0.1f;
    landerFixture.restitution = 0.0f;
    landerFixture.filter.categoryBits = LanderCategory;
    landerFixture.filter.maskBits = GroundCategory;
    simulation->lander->CreateFixture(&landerFixture);
    simulation->lander->ApplyForceToCenter(Vec(forceX, forceY), true);

    for (int k = 0; k < 2; k++)
    {
        const double i = k == 0 ? -1.0 : 1.0;
        b2BodyDef legDef;
        legDef.type = b2_dynamicBody;
        legDef.position = Vec(startX - i * LegAway / Scale, startY);
        legDef.angle = static_cast<float>(i * 0.05);
        b2Body* leg = world.CreateBody(&legDef);
        b2PolygonShape legShape;
        legShape.SetAsBox(static_cast<float>(LegW / Scale), static_cast<float>(LegH / Scale));
        b2FixtureDef legFixture;
        legFixture.shape = &legShape;
        legFixture.density = 1.0f;
        legFixture.restitution = 0.0f;
        legFixture.filter.categoryBits = LegCategory;
        legFixture.filter.maskBits = GroundCategory;
        leg->CreateFixture(&legFixture);

        b2RevoluteJointDef joint;
        joint.bodyA = simulation->lander;
        joint.bodyB = leg;
        joint.localAnchorA = b2Vec2(0.0f, 0.0f);
        joint.localAnchorB = Vec(i * LegAway / Scale, LegDown / Scale);
        joint.enableMotor = true;
        joint.enableLimit = true;
        joint.maxMotorTorque = static_cast<float>(LegSpringTorque);
        joint.motorSpeed = static_cast<float>(0.3 * i);
        joint.lowerAngle = static_cast<float>(k == 0 ? 0.9 - 0.5 : -0.9);
        joint.upperAngle = static_cast<float>(k == 0 ? 0.9 : -0.9 + 0.5);
        world.CreateJoint(&joint);
        simulation->legs[k] = leg;
    }
    return simulation;
}

// One frame: wind (when asked), the main engine with power mainPower (0 = off), the side engine with power
// sidePower (0 = off) on side direction (-1 = action 1, +1 = action 3), dispersed by the two random numbers
// (already divided by SCALE, as Gymnasium's), then a world step of 1/FPS with 180 velocity and 60 position
// iterations. The impulses are computed in double and handed to Box2D in float, as pybox2d does.
__attribute__((visibility("default"))) void a3c_lunar_lander_step(
    void* handle, double mainPower, double sideDirection, double sidePower, double dispersion0, double dispersion1,
    int32_t applyWind, double windForce, double windTorque, LunarLanderState* state)
{
    Simulation* simulation = static_cast<Simulation*>(handle);
    b2Body* lander = simulation->lander;
    if (applyWind != 0)
    {
        lander->ApplyForceToCenter(Vec(windForce, 0.0), true);
        lander->ApplyTorque(static_cast<float>(windTorque), true);
    }

    const double angle = lander->GetAngle();
    const double tip0 = std::sin(angle), tip1 = std::cos(angle);
    const double side0 = -tip1, side1 = tip0;
    if (mainPower > 0.0)
    {
        const double along = MainEngineYLocation / Scale + 2.0 * dispersion0;
        const double ox = tip0 * along + side0 * dispersion1;
        const double oy = -tip1 * along - side1 * dispersion1;
        const b2Vec2 position = lander->GetPosition();
        lander->ApplyLinearImpulse(Vec(-ox * MainEnginePower * mainPower, -oy * MainEnginePower * mainPower),
                                   Vec(position.x + ox, position.y + oy), true);
    }
    if (sidePower > 0.0)
    {
        const double across = 3.0 * dispersion1 + sideDirection * SideEngineAway / Scale;
        const double ox = tip0 * dispersion0 + side0 * across;
        const double oy = -tip1 * dispersion0 - side1 * across;
        const b2Vec2 position = lander->GetPosition();
        lander->ApplyLinearImpulse(Vec(-ox * SideEnginePower * sidePower, -oy * SideEnginePower * sidePower),
                                   Vec(position.x + ox - tip0 * SideEngineTipOffset / Scale,
                                       position.y + oy + tip1 * SideEngineHeight / Scale),
                                   true);
    }

    simulation->world.Step(static_cast<float>(1.0 / Fps), VelocityIterations, PositionIterations);

    const b2Vec2 position = lander->GetPosition();
    const b2Vec2 velocity = lander->GetLinearVelocity();
    state->x = position.x;
    state->y = position.y;
    state->vx = velocity.x;
    state->vy = velocity.y;
    state->angle = lander->GetAngle();
    state->angularVelocity = lander->GetAngularVelocity();
    state->leg0X = simulation->legs[0]->GetPosition().x;
    state->leg0Y = simulation->legs[0]->GetPosition().y;
    state->leg0Angle = simulation->legs[0]->GetAngle();
    state->leg1X = simulation->legs[1]->GetPosition().x;
    state->leg1Y = simulation->legs[1]->GetPosition().y;
    state->leg1Angle = simulation->legs[1]->GetAngle();
    state->leg0Contact = simulation->legContact[0] ? 1 : 0;
    state->leg1Contact = simulation->legContact[1] ? 1 : 0;
    state->gameOver = simulation->gameOver ? 1 : 0;
    state->awake = lander->IsAwake() ? 1 : 0;
}

__attribute__((visibility("default"))) void a3c_lunar_lander_destroy(void* handle)
{
    delete static_cast<Simulation*>(handle);
}

// Box2D's version as major * 10000 + minor * 100 + revision, so C# can report what it runs on.
__attribute__((visibility("default"))) int32_t a3c_box2d_version()
{
    return b2_version.major * 10000 + b2_version.minor * 100 + b2_version.revision;
}
}
