// The optimizers of an exported PyTorch script: Keras 3's update rules with Keras' epsilon placement, as the core
// applies them (src/core/optimizers/*.ts), not torch.optim's (whose Adam puts epsilon inside the bias correction).
// One class per type over a shared loop; the script holds only the one its graph uses.
import type { OptimizerSpec } from '../../core/index';
import { pyBool, pyNumber } from './pythonText';

const baseClass = String.raw`
class KerasOptimizer(torch.optim.Optimizer):
    """Runs update(p, g, lr, state) on every parameter with a gradient; begin_step() sees each step first."""

    def __init__(self, params, learning_rate):
        super().__init__(params, {"lr": learning_rate})

    def begin_step(self, lr):
        pass

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            self.begin_step(group["lr"])
            for p in group["params"]:
                if p.grad is not None:
                    self.update(p, p.grad, group["lr"], self.state[p])
`;

const adamClass = String.raw`
class KerasAdam(KerasOptimizer):
    """src/core/optimizers/adam.ts (and adamw.ts with weight_decay): lr_t = lr * sqrt(1 - b2^t) / (1 - b1^t);
    w -= lr_t * m / (sqrt(v) + eps); AdamW first decays every weight: w -= lr * wd * w."""

    def __init__(self, params, learning_rate, beta1, beta2, epsilon, weight_decay=0.0):
        super().__init__(params, learning_rate)
        self.beta1, self.beta2, self.epsilon, self.weight_decay = beta1, beta2, epsilon, weight_decay
        self.iterations = 0
        self.step_size = 0.0

    def begin_step(self, lr):
        self.iterations += 1
        t = self.iterations
        self.step_size = lr * math.sqrt(1 - math.pow(self.beta2, t)) / (1 - math.pow(self.beta1, t))

    def update(self, p, g, lr, state):
        if not state:
            state["m"] = torch.zeros_like(p)
            state["v"] = torch.zeros_like(p)
        if self.weight_decay != 0:
            p.sub_(lr * self.weight_decay * p)
        state["m"].mul_(self.beta1).add_(g, alpha=1 - self.beta1)
        state["v"].mul_(self.beta2).addcmul_(g, g, value=1 - self.beta2)
        p.sub_(self.step_size * state["m"] / (state["v"].sqrt() + self.epsilon))
`;

const sgdClass = String.raw`
class KerasSGD(KerasOptimizer):
    """src/core/optimizers/sgd.ts: m = momentum * m - lr * g; w += m (or, nesterov, w += momentum * m - lr * g)."""

    def __init__(self, params, learning_rate, momentum, nesterov):
        super().__init__(params, learning_rate)
        self.momentum, self.nesterov = momentum, nesterov

    def update(self, p, g, lr, state):
        if self.momentum <= 0:
            p.sub_(lr * g)
            return
        if not state:
            state["m"] = torch.zeros_like(p)
        m = state["m"]
        m.mul_(self.momentum).sub_(lr * g)
        p.add_(self.momentum * m - lr * g if self.nesterov else m)
`;

const rmspropClass = String.raw`
class KerasRMSprop(KerasOptimizer):
    """src/core/optimizers/rmsprop.ts: v = rho * v + (1 - rho) * g^2; d = v + eps (centered: minus a^2);
    step = lr * g / sqrt(d); with momentum m = momentum * m + step, w -= m."""

    def __init__(self, params, learning_rate, rho, momentum, epsilon, centered):
        super().__init__(params, learning_rate)
        self.rho, self.momentum, self.epsilon, self.centered = rho, momentum, epsilon, centered

    def update(self, p, g, lr, state):
        if not state:
            state["v"] = torch.zeros_like(p)
            state["m"] = torch.zeros_like(p)
            state["a"] = torch.zeros_like(p)
        state["v"].mul_(self.rho).addcmul_(g, g, value=1 - self.rho)
        denominator = state["v"] + self.epsilon
        if self.centered:
            state["a"].mul_(self.rho).add_(g, alpha=1 - self.rho)
            denominator = denominator - state["a"] * state["a"]
        increment = lr * g / denominator.sqrt()
        if self.momentum > 0:
            state["m"].mul_(self.momentum).add_(increment)
            p.sub_(state["m"])
        else:
            p.sub_(increment)
`;

/** The optimizer's class and a `make_optimizer(parameters)` that builds it with the graph's settings. */
export function pythonOptimizer(optimizer: OptimizerSpec): string {
  const lr = pyNumber(optimizer.learningRate, 'the learning rate');
  switch (optimizer.type) {
    case 'adam':
    case 'adamw': {
      const decay = optimizer.type === 'adamw' ? pyNumber(optimizer.weightDecay, 'the weight decay') : '0.0';
      const settings = [lr, pyNumber(optimizer.beta1, 'beta1'), pyNumber(optimizer.beta2, 'beta2'), pyNumber(optimizer.epsilon, 'epsilon'), decay];
      return `${baseClass}\n${adamClass}\n\ndef make_optimizer(parameters):\n    return KerasAdam(parameters, ${settings.join(', ')})\n`;
    }
    case 'sgd':
      return `${baseClass}\n${sgdClass}\n\ndef make_optimizer(parameters):\n    return KerasSGD(parameters, ${lr}, ${pyNumber(optimizer.momentum, 'momentum')}, ${pyBool(optimizer.nesterov)})\n`;
    case 'rmsprop': {
      const settings = [lr, pyNumber(optimizer.rho, 'rho'), pyNumber(optimizer.momentum, 'momentum'), pyNumber(optimizer.epsilon, 'epsilon'), pyBool(optimizer.centered)];
      return `${baseClass}\n${rmspropClass}\n\ndef make_optimizer(parameters):\n    return KerasRMSprop(parameters, ${settings.join(', ')})\n`;
    }
  }
}
