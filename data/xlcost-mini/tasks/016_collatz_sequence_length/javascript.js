// Function to count the steps needed for n to reach 1 in the Collatz sequence
function collatzSteps(n) {
    let steps = 0;
    while (n != 1) {
        // If n is even, divide it by 2
        if (n % 2 == 0)
            n = n / 2;
        // Otherwise multiply it by 3 and add 1
        else
            n = 3 * n + 1;
        steps++;
    }
    return steps;
}

// Function to find the number below limit with the longest Collatz sequence
function longestCollatz(limit) {
    let best = 1, bestSteps = 0;
    for (let i = 1; i < limit; i++) {
        let s = collatzSteps(i);
        // Update the answer if a longer sequence is found
        if (s > bestSteps) {
            best = i;
            bestSteps = s;
        }
    }
    return best;
}

// Driver code
console.log(collatzSteps(27));
console.log(longestCollatz(100));
