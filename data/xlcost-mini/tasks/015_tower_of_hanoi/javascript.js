// Recursive function to solve tower of hanoi and return the number of moves
function towerOfHanoi(n, from_rod, to_rod, aux_rod) {
    // Base case: there is no disk to move
    if (n == 0)
        return 0;
    // Move the top n - 1 disks from the source rod to the auxiliary rod
    let moves = towerOfHanoi(n - 1, from_rod, aux_rod, to_rod);
    console.log("Move disk " + n + " from rod " + from_rod + " to rod " + to_rod);
    // Move the n - 1 disks from the auxiliary rod to the destination rod
    moves += towerOfHanoi(n - 1, aux_rod, to_rod, from_rod);
    return moves + 1;
}

// Driver code
let N = 2;
// A, B and C are the names of the rods
let total = towerOfHanoi(N, 'A', 'C', 'B');
console.log("Total moves: " + total);
